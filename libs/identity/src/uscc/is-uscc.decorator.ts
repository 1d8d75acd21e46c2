import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { USCC_RULE_TEXT, type UsccRule, validateUscc } from './uscc';

/** class-validator decorator: a valid USCC; the failure names the exact GB 32100 rule (`uscc.<rule>`). */
export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && validateUscc(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const value = args?.value;
          const result =
            typeof value === 'string' ? validateUscc(value) : { valid: false as const, rule: 'length' as const };
          return `rule:uscc.${result.valid ? 'length' : result.rule}`;
        },
      },
    });
}

/** Localised texts for the `uscc.<rule>` violations. */
export const usccRuleMessages = Object.fromEntries(
  (Object.keys(USCC_RULE_TEXT) as UsccRule[]).map((rule) => [
    `uscc.${rule}`,
    {
      'zh-CN': `统一社会信用代码${USCC_RULE_TEXT[rule].zh}`,
      en: `Unified social credit code ${USCC_RULE_TEXT[rule].en}`,
    },
  ]),
);
