// cleanOcrText on what Tesseract really read from the chat screenshots
// (tests/fixtures/screenshots/, dev set): the wrapped lines of a bubble come
// back as one line, so the extractor reads a label and its number together.
import { describe, expect, it } from 'vitest';
import { extractIdentifiers } from '../../worker/core/extract.ts';
import { cleanOcrText } from '../../worker/core/extract/ocr-text.ts';

const keys = (text: string) => extractIdentifiers(text, 'id').found.map((f) => `${f.input.type}:${f.input.bank ?? ''}:${f.input.value}`);

describe('cleanOcrText', () => {
  it('joins a bubble wrapped between the bank and the account, so the account keeps its bank (dev-01)', () => {
    const ocr = 'Halo kak, masih ada? 500.\nTransfer ke Mandiri aja, a/n Resti\nAmanda norek 9000007701999\n\n08.03\nOke, saya cek dulu ya gos...\nKetik pesan @\n';
    const cleaned = cleanOcrText(ocr);
    expect(cleaned).toContain('Transfer ke Mandiri aja, a/n Resti Amanda norek 9000007701999');
    expect(keys(cleaned)).toContain('bank:008:9000007701999');
  });

  it('joins a link wrapped after its hyphen without a space (dev-10: "lady-" / "ticket.webs.com")', () => {
    const ocr = 'harga Gold=2,25jt tribun3=1,25jt info\nhub;0853-9937-1888 lady-\nticket.webs.com 14.36\nKetik pesan O';
    expect(cleanOcrText(ocr)).toBe('harga Gold=2,25jt tribun3=1,25jt info hub;0853-9937-1888 lady-ticket.webs.com 14.36 Ketik pesan O');
    expect(keys(cleanOcrText(ocr))).toContain('website::lady-ticket.webs.com');
  });

  it('joins across a blank line Tesseract put inside a sentence, and an account wrapped after a hyphen (dev-02)', () => {
    const ocr = 'Hari ini 13.17\nIni dari siapa ya?\n\nIni no rekeningnya BRI.A/n.A.SRI\n\nNARTI NO.rek.2219-01-001948-50-\n\n7.\n\nKirim pesan...\n';
    expect(cleanOcrText(ocr)).toBe('Hari ini 13.17 Ini dari siapa ya?\n\nIni no rekeningnya BRI.A/n.A.SRI NARTI NO.rek.2219-01-001948-50-7.\n\nKirim pesan...');
    expect(keys(cleanOcrText(ocr))).toContain('bank:002:221901001948507');
  });

  it('joins a line after a sentence\'s end when no blank line follows: the bubble just wrapped there (dev-03)', () => {
    const ocr = 'Ini Rekeningnya BANK MANDIRI.\nNO.Rek:150-00-1002402-2.A/n:\nMURTIANI';
    expect(cleanOcrText(ocr)).toBe('Ini Rekeningnya BANK MANDIRI. NO.Rek:150-00-1002402-2.A/n: MURTIANI');
  });

  it('leaves out a line that is only a chat time, so stamps are not glued into a number (dev-18)', () => {
    const ocr = 'diberikan 0852212XXXXX\nPIN-b7Bc247 u/info Hub/CS:\nPT.TELKOMSEL 021-40467488\n021-50219992 Pengirim,\n+777\n15.52\n15.55\nPesan teks O\n';
    const cleaned = cleanOcrText(ocr);
    expect(cleaned).toBe('diberikan 0852212XXXXX PIN-b7Bc247 u/info Hub/CS: PT.TELKOMSEL 021-40467488 021-50219992 Pengirim, +777 Pesan teks O');
    expect(keys(cleaned)).toEqual(['phone::+622140467488', 'phone::+622150219992']);
  });

  it('keeps a time inside a line and digits alone on a line (a wrapped link or account goes on)', () => {
    expect(cleanOcrText('kabarin ya! 10.54\nwww.indosatooredoo.com/flatcall2\n500\n19.34')).toBe('kabarin ya! 10.54 www.indosatooredoo.com/flatcall2 500');
  });

  it('keeps a blank line after a sentence\'s end as a paragraph break', () => {
    expect(cleanOcrText('Oke kak.\n\nBCA 1234567890')).toBe('Oke kak.\n\nBCA 1234567890');
  });

  it('keeps the space before a dash that stands alone or follows a space ("harga -")', () => {
    expect(cleanOcrText('harga -\nnego')).toBe('harga - nego');
    expect(cleanOcrText('--\nnext')).toBe('-- next');
  });

  it('reads Windows line ends and trims the spaces OCR leaves at line ends', () => {
    expect(cleanOcrText('  Krim ke BNI aja no \r\nrek 0215891174\r\n')).toBe('Krim ke BNI aja no rek 0215891174');
  });

  it('returns empty text for empty or blank input', () => {
    expect(cleanOcrText('')).toBe('');
    expect(cleanOcrText('\n \n\t\n')).toBe('');
  });
});
