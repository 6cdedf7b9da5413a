// The moderator behind a request, from the Worker's configuration
// (worker/admin/admin-auth.ts); Access keys come from the team's JWKS, kept per isolate.
import { authenticateAdmin } from './admin-auth.ts';

export const moderatorOf = (request: Request, env: Env): Promise<string> =>
  authenticateAdmin(request, {
    adminToken: env.ADMIN_TOKEN,
    accessTeamDomain: env.ACCESS_TEAM_DOMAIN,
    accessAud: env.ACCESS_AUD,
  });
