// One chat screen as HTML: the message a buyer received, in a WhatsApp-like,
// Instagram-DM-like or SMS-like bubble, light or dark, with the chrome around
// it that a real screenshot carries (a header with the contact's name, time
// stamps, the buyer's own bubbles before and after). Only fonts Debian ships
// (DejaVu, Liberation): the fixtures must render the same on any machine here.
// The chrome holds no digits that look like an identifier (times only), so
// everything the extractor finds in a picture comes from the message.

export type ChatStyle = 'whatsapp' | 'instagram' | 'sms';
export type Theme = 'light' | 'dark';

export interface ChatScreen {
  style: ChatStyle;
  theme: Theme;
  contact: string;
  /** The real message, shown as it was published. */
  message: string;
  /** The buyer's own bubbles: one before the message, one after. */
  before: string;
  after: string;
  /** "HH.MM" as Indonesian phones show it. */
  time: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Palette {
  font: string;
  page: string;
  header: string;
  headerText: string;
  subText: string;
  incoming: string;
  incomingText: string;
  outgoing: string;
  outgoingText: string;
  meta: string;
  radius: string;
}

const PALETTES: Record<ChatStyle, Record<Theme, Palette>> = {
  whatsapp: {
    light: { font: "'Liberation Sans'", page: '#efeae2', header: '#008069', headerText: '#ffffff', subText: '#d9efe9', incoming: '#ffffff', incomingText: '#111b21', outgoing: '#d9fdd3', outgoingText: '#111b21', meta: '#667781', radius: '8px' },
    dark: { font: "'Liberation Sans'", page: '#0b141a', header: '#1f2c34', headerText: '#e9edef', subText: '#8696a0', incoming: '#202c33', incomingText: '#e9edef', outgoing: '#005c4b', outgoingText: '#e9edef', meta: '#8696a0', radius: '8px' },
  },
  instagram: {
    light: { font: "'DejaVu Sans'", page: '#ffffff', header: '#ffffff', headerText: '#000000', subText: '#737373', incoming: '#efefef', incomingText: '#000000', outgoing: '#3797f0', outgoingText: '#ffffff', meta: '#737373', radius: '22px' },
    dark: { font: "'DejaVu Sans'", page: '#000000', header: '#000000', headerText: '#f5f5f5', subText: '#a8a8a8', incoming: '#262626', incomingText: '#f5f5f5', outgoing: '#3797f0', outgoingText: '#ffffff', meta: '#a8a8a8', radius: '22px' },
  },
  sms: {
    light: { font: "'DejaVu Sans'", page: '#f8f9fc', header: '#f8f9fc', headerText: '#1f1f1f', subText: '#5f6368', incoming: '#e9eef6', incomingText: '#1f1f1f', outgoing: '#d3e3fd', outgoingText: '#041e49', meta: '#5f6368', radius: '20px' },
    dark: { font: "'DejaVu Sans'", page: '#1b1b1f', header: '#1b1b1f', headerText: '#e3e3e3', subText: '#c4c7c5', incoming: '#2d3135', incomingText: '#e3e3e3', outgoing: '#0842a0', outgoingText: '#d3e3fd', meta: '#c4c7c5', radius: '20px' },
  },
};

const SUBTITLE: Record<ChatStyle, string> = { whatsapp: 'online', instagram: 'Aktif 5 menit lalu', sms: 'SMS' };

export function chatPage(screen: ChatScreen): string {
  const p = PALETTES[screen.style][screen.theme];
  const ig = screen.style === 'instagram';
  const sms = screen.style === 'sms';
  const initial = escape(screen.contact.slice(0, 1).toUpperCase());
  const bubble = (text: string, side: 'in' | 'out', time: string): string =>
    `<div class="row ${side}"><div class="bubble ${side}"><span class="text">${escape(text)}</span>` +
    (ig || sms ? '' : `<span class="time">${time}${side === 'out' ? ' ✓✓' : ''}</span>`) +
    `</div></div>` +
    (sms ? `<div class="row ${side} stamp">${time}</div>` : '');
  const [h, m] = screen.time.split('.').map(Number) as [number, number];
  const later = `${String(h).padStart(2, '0')}.${String((m + 3) % 60).padStart(2, '0')}`;
  const earlier = `${String(h).padStart(2, '0')}.${String((m + 57) % 60).padStart(2, '0')}`;
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<style>
  * { box-sizing: border-box; margin: 0; }
  html, body { background: ${p.page}; font-family: ${p.font}, sans-serif; }
  body { min-height: 100vh; display: flex; flex-direction: column; }
  .status { display: flex; justify-content: space-between; padding: 6px 16px; font-size: 13px; color: ${p.headerText}; background: ${p.header}; }
  header { display: flex; align-items: center; gap: 12px; padding: 8px 14px 12px; background: ${p.header}; color: ${p.headerText};
    ${ig || sms ? `border-bottom: 1px solid ${screen.theme === 'dark' ? '#262626' : '#dbdbdb'};` : ''} }
  .back { font-size: 22px; }
  .avatar { width: 40px; height: 40px; border-radius: 50%; background: ${ig ? 'linear-gradient(45deg,#f9ce34,#ee2a7b,#6228d7)' : '#8aa4b5'};
    color: #fff; display: flex; align-items: center; justify-content: center; font-weight: bold; font-size: 18px; flex: none; }
  .name { font-size: 17px; font-weight: bold; }
  .sub { font-size: 13px; color: ${p.subText}; }
  main { flex: 1; padding: 12px 12px 20px; display: flex; flex-direction: column; gap: 6px; }
  .day { align-self: center; font-size: 12.5px; color: ${p.meta}; padding: 5px 12px; border-radius: 8px; margin: 6px 0;
    ${screen.style === 'whatsapp' ? `background: ${screen.theme === 'dark' ? '#182229' : '#ffffff'};` : ''} }
  .row { display: flex; }
  .row.out { justify-content: flex-end; }
  .bubble { max-width: min(80%, 560px); padding: ${ig ? '10px 14px' : sms ? '10px 14px' : '6px 9px 8px'}; border-radius: ${p.radius};
    font-size: ${ig ? '15px' : '16px'}; line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere; }
  .bubble.in { background: ${p.incoming}; color: ${p.incomingText}; ${screen.style === 'whatsapp' ? 'border-top-left-radius: 0;' : ''} }
  .bubble.out { background: ${p.outgoing}; color: ${p.outgoingText}; ${screen.style === 'whatsapp' ? 'border-top-right-radius: 0;' : ''} }
  .time { float: right; margin: 8px 0 -4px 10px; font-size: 11px; color: ${p.meta}; }
  .stamp { font-size: 11.5px; color: ${p.meta}; padding: 0 8px 6px; }
  footer { display: flex; gap: 10px; align-items: center; padding: 8px 10px 14px; }
  .input { flex: 1; border-radius: 24px; padding: 12px 16px; font-size: 16px; color: ${p.meta};
    background: ${screen.style === 'whatsapp' ? (screen.theme === 'dark' ? '#1f2c34' : '#ffffff') : 'transparent'};
    ${screen.style === 'whatsapp' ? '' : `border: 1px solid ${screen.theme === 'dark' ? '#363636' : '#dbdbdb'};`} }
  .send { width: 46px; height: 46px; border-radius: 50%; background: ${screen.style === 'whatsapp' ? '#00a884' : ig ? 'transparent' : '#0b57d0'}; flex: none; }
</style></head><body>
<div class="status"><span>${screen.time}</span><span>▂▄▆ 4G ▮ 76%</span></div>
<header><span class="back">←</span><div class="avatar">${initial}</div><div><div class="name">${escape(screen.contact)}</div><div class="sub">${SUBTITLE[screen.style]}</div></div></header>
<main>
<div class="day">${ig ? `Hari ini ${earlier}` : 'Hari ini'}</div>
${bubble(screen.before, 'out', earlier)}
${bubble(screen.message, 'in', screen.time)}
${bubble(screen.after, 'out', later)}
</main>
<footer><div class="input">${ig ? 'Kirim pesan…' : sms ? 'Pesan teks' : 'Ketik pesan'}</div><div class="send"></div></footer>
</body></html>`;
}
