import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * At most `max` characters as PostgreSQL's char_length counts them (code points), which the tables'
 * CHECK constraints use. class-validator's MaxLength does not count variation selectors, so 150 × "❤️"
 * (300 code points) passed a 200 limit and then broke the CHECK (a 500). Reported under the same rule
 * name, `maxLength`, so clients and the error texts see no difference.
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && [...value].length <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be shorter than or equal to $constraint1 characters`,
          options,
        ),
      },
    },
    options,
  );
}
