// Tells @cloudflare/workers-types about this Worker, so that `env` and
// `exports` from "cloudflare:workers" are typed (in the Worker tests too).
import type { Env as WorkerEnv } from './env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
    interface GlobalProps {
      mainModule: typeof import('./index.ts');
    }
  }
}
