import { AutoRouter } from 'itty-router';
const router = AutoRouter();
router.get('/api/v1/ping', () => ({ ok: true }));
router.get('/cek/', (req, env) => new Response('cek page'));
export default { ...router };
