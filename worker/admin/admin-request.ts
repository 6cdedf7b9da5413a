// The moderator behind a request, from the Worker's configuration
// (worker/admin/admin-auth.ts), and only if the operators listed them in
// MODERATORS (moderator-identity.ts): signed in but unlisted is 403
// not_a_moderator, for reads and decisions alike. Access keys come from the
// team's JWKS, kept per isolate.
import { authenticateAdmin } from './admin-auth.ts';
import { moderatorList, requireListed } from './moderator-identity.ts';

export const moderatorOf = async (request: Request, env: Env): Promise<string> =>
  requireListed(
    await authenticateAdmin(request, {
      adminToken: env.ADMIN_TOKEN,
      accessTeamDomain: env.ACCESS_TEAM_DOMAIN,
      accessAud: env.ACCESS_AUD,
    }),
    moderatorList(env.MODERATORS),
  );
