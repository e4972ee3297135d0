import { sanitizeFileName } from '@app/domain';
import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('gives a plain ASCII name both ways', () => {
    expect(attachmentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it('keeps the exact UTF-8 name in filename* and an ASCII stand-in in filename', () => {
    expect(attachmentDisposition('Übersicht (final).xlsx')).toBe(
      `attachment; filename="_bersicht (final).xlsx"; filename*=UTF-8''%C3%9Cbersicht%20%28final%29.xlsx`,
    );
  });

  it('cannot be broken out of by quotes, backslashes or percent signs', () => {
    expect(attachmentDisposition('a"b\\c%d.txt')).toBe(
      `attachment; filename="a_b_c_d.txt"; filename*=UTF-8''a%22b%5Cc%25d.txt`,
    );
  });

  it('has no header-splitting characters once the name is sanitised', () => {
    const header = attachmentDisposition(sanitizeFileName('evil\r\nSet-Cookie: x=1.pdf'));
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `attachment; filename="evilSet-Cookie: x=1.pdf"; filename*=UTF-8''evilSet-Cookie%3A%20x%3D1.pdf`,
    );
  });
});
