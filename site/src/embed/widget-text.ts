// The widget's own words (the answers come from worker/presentation/result-view.ts).
import type { Lang } from '../../../worker/core/lang.ts';

export const WIDGET_TEXT = {
  id: {
    title: 'CekDulu: cek dulu sebelum transfer',
    kind: 'Apa yang dicek?',
    kinds: { bank: 'Rekening bank', ewallet: 'Dompet digital', phone: 'Nomor HP/WhatsApp', instagram: 'Instagram', facebook: 'Facebook', tiktok: 'TikTok', telegram: 'Telegram', website: 'Situs web' },
    bank: 'Bank',
    chooseBank: 'Pilih bank',
    provider: 'Dompet digital',
    value: 'Nomor atau akun',
    paste: 'Tempel pesan penjual, nomor rekening, nomor HP atau link akun',
    private: 'Cek secara privat',
    submit: 'Cek sekarang',
    loading: 'Memeriksa…',
    full: 'Lihat hasil lengkap di CekDulu',
    guides: 'Panduan agar tidak tertipu',
  },
  en: {
    title: 'CekDulu: check before you transfer',
    kind: 'What do you want to check?',
    kinds: { bank: 'Bank account', ewallet: 'E-wallet', phone: 'Phone/WhatsApp number', instagram: 'Instagram', facebook: 'Facebook', tiktok: 'TikTok', telegram: 'Telegram', website: 'Website' },
    bank: 'Bank',
    chooseBank: 'Choose a bank',
    provider: 'E-wallet',
    value: 'Number or account',
    paste: 'Paste the seller’s message, account number, phone number or profile link',
    private: 'Check privately',
    submit: 'Check now',
    loading: 'Checking…',
    full: 'See the full result on CekDulu',
    guides: 'Guides: how not to get scammed',
  },
} as const satisfies Record<Lang, unknown>;
