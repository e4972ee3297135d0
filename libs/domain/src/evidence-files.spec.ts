import { sanitizeFileName, sniffMediaType } from './evidence-files';

describe('sanitizeFileName', () => {
  it('keeps only the last path segment, so a name is never a path', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('..\\..\\Windows\\system.ini')).toBe('system.ini');
    expect(sanitizeFileName('/abs/path/report.pdf')).toBe('report.pdf');
  });

  it('drops control characters and bidi overrides that could disguise the extension', () => {
    expect(sanitizeFileName('re\u0000po\u0007rt\r\n.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('never returns an empty name or one made of dots', () => {
    expect(sanitizeFileName('')).toBe('file');
    expect(sanitizeFileName(undefined)).toBe('file');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('../')).toBe('file');
    expect(sanitizeFileName(' \u0001 ')).toBe('file');
  });

  it('keeps non-ASCII names as they are (in NFC)', () => {
    expect(sanitizeFileName('Übersicht – Lizenzen.xlsx')).toBe('Übersicht – Lizenzen.xlsx');
    expect(sanitizeFileName('re\u0301sume\u0301.txt')).toBe('résumé.txt');
  });

  it('shortens very long names to 255 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(400)}.pdf`);
    expect(name).toHaveLength(255);
    expect(name.endsWith('a.pdf')).toBe(true);
  });
});

describe('sniffMediaType', () => {
  it('names a type by its signature, whatever the file is called', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'))).toBe(
      'application/x-msdownload',
    );
    expect(sniffMediaType(Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'))).toBe('application/x-executable');
  });

  it('calls UTF-8 without a signature text, and anything else octet-stream', () => {
    expect(sniffMediaType(Buffer.from('Licence count: 12 seats\n'))).toBe('text/plain');
    expect(sniffMediaType(Buffer.from('Zählerstand ✓\n'))).toBe('text/plain');
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBe('application/octet-stream');
    expect(sniffMediaType(Buffer.from([0xc3, 0x28, 0x41]))).toBe('application/octet-stream');
    expect(sniffMediaType(Buffer.alloc(0))).toBe('application/octet-stream');
  });
});
