import { validateSync } from 'class-validator';
import { MaxChars } from './max-chars';

class Titled {
  @MaxChars(3)
  title: unknown;
}

const errorsFor = (title: unknown) => {
  const o = new Titled();
  o.title = title;
  return validateSync(o).flatMap((e) => Object.entries(e.constraints ?? {}));
};

describe('MaxChars (characters as PostgreSQL counts them)', () => {
  it('counts code points: a variation selector is a character, a surrogate pair is one', () => {
    expect(errorsFor('abc')).toEqual([]);
    expect(errorsFor('😀😀😀')).toEqual([]); // 6 UTF-16 units, 3 code points
    // "❤️" is U+2764 U+FE0F: two code points each, as char_length counts them.
    expect(errorsFor('❤️❤️')).toEqual([['maxLength', 'title must be shorter than or equal to 3 characters']]);
    expect(errorsFor('abcd')).toHaveLength(1);
  });

  it('refuses a value that is not a string', () => {
    expect(errorsFor(1234)).toHaveLength(1);
  });
});
