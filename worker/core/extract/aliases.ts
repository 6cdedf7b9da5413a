// The words that label what follows them in a seller's message: banks (every
// short and full name in banks.json, and bank-aliases.json), e-wallets, phone
// words, account words, platform words, and words after which a number is
// never an identifier (prices, parcels, orders, dates, tickets). Built once.
import { BANKS } from '../banks.ts';
import bankAliases from '../bank-aliases.json' with { type: 'json' };

type LabelKind = 'bank' | 'ewallet' | 'phone' | 'account' | 'none' | 'platform';
export interface Alias {
  kind: LabelKind;
  /** Bank code, e-wallet provider or platform type ('' for platforms CekDulu does not look up). */
  value: string;
}

/** The longest alias: "Bank of China (Hong Kong) Jakarta". */
export const MAX_ALIAS_WORDS = 6;

/** Words of an alias as the tokenizer reads them: lower-case letter/digit runs. */
const aliasKey = (phrase: string): string => phrase.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join(' ');

let aliases: Map<string, Alias> | undefined;
let prefixes: Set<string> | undefined;

/**
 * Every alias's leading words ("bank", "bank of", "bank of china"…): a phrase not
 * among them begins no alias, so a reader stops extending it (extract.ts matchAlias).
 */
export function aliasPrefixes(): Set<string> {
  if (prefixes) return prefixes;
  const made = new Set<string>();
  for (const key of aliasTable().keys()) {
    const words = key.split(' ');
    for (let n = 1; n <= words.length; n++) made.add(words.slice(0, n).join(' '));
  }
  return (prefixes = made);
}

export function aliasTable(): Map<string, Alias> {
  if (aliases) return aliases;
  const table = new Map<string, Alias>();
  const add = (kind: LabelKind, value: string, words: string): void => {
    for (const phrase of words.split(',')) table.set(aliasKey(phrase), { kind, value });
  };
  for (const bank of BANKS) {
    add('bank', bank.code, bank.short);
    add('bank', bank.code, bank.name);
    add('bank', bank.code, `bank${bank.short.toLowerCase().replace(/[^a-z0-9]/g, '')}`); // "BankBNI"
  }
  for (const [phrase, code] of Object.entries(bankAliases)) add('bank', code, phrase);
  add('ewallet', 'gopay', 'gopay,go pay,gopay id');
  add('ewallet', 'ovo', 'ovo');
  add('ewallet', 'dana', 'dana');
  add('ewallet', 'shopeepay', 'shopeepay,shopee pay,spay');
  add('ewallet', 'linkaja', 'linkaja,link aja');
  add('phone', '', 'wa,whatsapp,whatsap,watsap,wasap,whatsapp business,hp,no hp,nomor hp,telp,tlp,telepon,telpon,phone,call,sms,hubungi,hub,kontak,contact,chat,cp,cs,call center,callcenter,customer service,customer care');
  add('account', '', 'rek,rekening,norek,no rek,no rekening,nomor rekening,account,acc,akun bank,bank account,account number');
  // "ID:", tickets and customer numbers: a call centre's ticket "HALLO BCA ID: 2125…" is no account.
  add('none', '', 'rp,idr,harga,total,ongkir,nominal,sebesar,senilai,dp,resi,no resi,awb,tracking,track,jne,j t,jnt,sicepat,anteraja,jx,jet,tiki,ninja,spx,pos indonesia,lion parcel,idexpress,wahana,invoice,inv,order,pesanan,no pesanan,transaksi,trx,ref,imei,kode pos,kodepos,pos,nik,ktp,npwp,tgl,tanggal,jam,pukul,qty,jumlah,va,virtual account,otp,pin,kode,id pesanan,order id,id,user id,tiket,ticket,no tiket,laporan,no laporan,voucher,kupon,serial,sn,no seri,booking,kode booking,id pelanggan,no pelanggan,meter,no meter,kode unik,token,code,kode referral,referral,referral code,promo code,kode promo');
  add('platform', 'instagram', 'ig,instagram,insta,igs');
  add('platform', 'tiktok', 'tiktok,tik tok,tt');
  add('platform', 'telegram', 'tele,telegram,tg,tlg');
  add('platform', 'facebook', 'fb,facebook');
  // Handles on platforms CekDulu does not look up: not read as Instagram.
  add('platform', '', 'line,line id,twitter,threads,shopee,tokopedia,tokped,lazada,bukalapak,youtube,yt,email,gmail,discord,snapchat,linkedin,pinterest');
  aliases = table;
  return table;
}

/** Month names and their short forms (Indonesian and English): a year or day beside one is a date. */
export const MONTHS = new Set(
  'jan januari january feb febr februari february mar maret march apr april mei may jun juni june jul juli july agu agt ags agust agus agustus aug august sep sept september okt oct oktober october nov nop november nopember des dec desember december'.split(' '),
);

/** Words after a number that make it an amount: "125 - 200 jt", "150 rb", "2 juta". */
export const MONEY_AFTER = new Set('jt juta jeti rb ribu rebu k m miliar milyar rupiah perak'.split(' '));

/** Common words written after "@" that are no account: "@TRIMS", "@follow", "@gmail". */
export const NOT_HANDLES = new Set(
  'nya trims trimakasih makasih thanks thx tq follow followers gmail yahoo ymail hotmail outlook everyone semua here'.split(' '),
);
