import {
  agreedMediaType,
  ATTACHMENT_FILE_NAME_MAX,
  extensionOf,
  isAllowedExtension,
  sanitizeFileName,
} from './attachment-types';

describe('attachment types and names', () => {
  it('serves the media type of the content only when the extension agrees', () => {
    expect(agreedMediaType('pdf', '方案.pdf')).toBe('application/pdf');
    expect(agreedMediaType('jpg', 'site.JPEG')).toBe('image/jpeg');
    expect(agreedMediaType('cfb', 'old.doc')).toBe('application/msword');
    expect(agreedMediaType('cfb', 'old.xls')).toBe('application/vnd.ms-excel');
    expect(agreedMediaType('cfb', 'old.ppt')).toBe('application/vnd.ms-powerpoint');
    expect(agreedMediaType('docx', 'a.docx')).toMatch(/wordprocessingml/);
    // Content and name disagree, or the content is not allowed at all.
    expect(agreedMediaType('exe', 'invoice.pdf')).toBeNull();
    expect(agreedMediaType(undefined, 'page.png')).toBeNull();
    expect(agreedMediaType('pdf', 'scan.png')).toBeNull();
    expect(agreedMediaType('zip', 'a.docx')).toBeNull();
    expect(agreedMediaType('cfb', 'a.msi')).toBeNull();
    expect(agreedMediaType('pdf', 'noextension')).toBeNull();
  });

  it('reads extensions and knows which are allowed before reading any content', () => {
    expect(extensionOf('报告.v2.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBeNull();
    expect(isAllowedExtension('x.xlsx')).toBe(true);
    expect(isAllowedExtension('x.exe')).toBe(false);
    expect(isAllowedExtension('x.html')).toBe(false);
    expect(isAllowedExtension('x')).toBe(false);
  });

  it('sanitises client file names', () => {
    expect(sanitizeFileName('C:\\Users\\王\\Desktop\\需求 说明.pdf')).toBe('需求 说明.pdf');
    expect(sanitizeFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('...hidden.pdf')).toBe('hidden.pdf');
    expect(sanitizeFileName('a\u0000b\u202e\u200bc<>:"|?*.pdf')).toBe('abc.pdf');
    expect(sanitizeFileName('  many \t\n spaces .png ')).toBe('many spaces .png');
    expect(sanitizeFileName('bad\ud800half.pdf')).toBe('badhalf.pdf');
    expect(sanitizeFileName('/')).toBe('');
    expect(sanitizeFileName('\u0000\u0001')).toBe('');
    // NFC: a decomposed é becomes one character.
    expect(sanitizeFileName('cafe\u0301.pdf')).toBe('caf\u00e9.pdf');
  });

  it('caps names at 200 characters (not UTF-16 units), keeping the extension', () => {
    const long = `${'场'.repeat(300)}.docx`;
    const safe = sanitizeFileName(long);
    expect(Array.from(safe)).toHaveLength(ATTACHMENT_FILE_NAME_MAX);
    expect(safe.endsWith('.docx')).toBe(true);
    const emoji = `${'😀'.repeat(250)}.pdf`;
    const e = sanitizeFileName(emoji);
    expect(Array.from(e)).toHaveLength(ATTACHMENT_FILE_NAME_MAX);
    expect(e.endsWith('😀.pdf')).toBe(true);
    expect(sanitizeFileName('short.pdf')).toBe('short.pdf');
  });
});
