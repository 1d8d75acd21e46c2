import { Command, Option } from 'nest-commander';
import { IdentityError, NewUserDto, USCC_RULE_TEXT, UserService, validateUscc } from '@app/identity';
import { validatedInput } from '../cli-errors';
import { CliOutput } from '../cli-output';
import { DataContext } from '../data-context';
import { ENABLEMENT_CENTRE } from '../seed/demo-data';
import { CliCommand } from './cli-command';

interface CreateAdminOptions {
  email: string;
  password: string;
  name: string;
  centreUscc?: string;
}

@Command({
  name: 'create-admin',
  description: 'create the first platform admin (and the enablement centre 湖州市人工智能赋能中心 if missing)',
})
export class CreateAdminCommand extends CliCommand<CreateAdminOptions> {
  constructor(
    out: CliOutput,
    private readonly data: DataContext,
  ) {
    super(out);
  }

  protected async execute(_params: string[], options: CreateAdminOptions): Promise<void> {
    const input = validatedInput(NewUserDto, {
      email: options.email,
      password: options.password,
      displayName: options.name,
    });
    const { key: _key, status: _status, shortName: _short, ...centre } = ENABLEMENT_CENTRE;
    const users = await this.data.get(UserService);
    const result = await users.bootstrapPlatformAdmin(input, {
      ...centre,
      uscc: options.centreUscc ?? centre.uscc,
      contactName: input.displayName,
      contactEmail: input.email,
    });
    if (!result) {
      this.out.line(`a user with email ${input.email} already exists; nothing changed`);
      return;
    }
    const { user, organisation } = result;
    this.out.line(
      `created platform admin ${user.email} (${user.displayName}) in ${organisation.nameZh} [${organisation.id}]`,
    );
  }

  @Option({ flags: '--email <email>', description: 'login email of the admin', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--password <password>',
    description: 'at least 10 characters with letters and digits',
    required: true,
  })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '--name <display name>', description: 'display name, e.g. 赵立群', required: true })
  parseName(value: string): string {
    return value;
  }

  /** Only used when the centre does not exist yet; the default is a generated placeholder code. */
  @Option({
    flags: '--centre-uscc <code>',
    description: "the enablement centre's unified social credit code, if it has to be created",
  })
  parseCentreUscc(value: string): string {
    const result = validateUscc(value);
    if (!result.valid) {
      const text = USCC_RULE_TEXT[result.rule];
      throw new IdentityError('IDENTITY_USCC_INVALID', { reason: text.zh, reasonEn: text.en }, 'centre-uscc');
    }
    return result.code;
  }
}
