import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role, PageQuery, trimString, MaxChars } from '@app/common';
import { codesOf } from '@app/taxonomy';
import { IsUscc } from '../uscc/is-uscc.decorator';
import { PASSWORD_MAX_LENGTH } from '../auth/passwords';
import { USER_LOCALES, type UserLocale } from '../users/user-locale';
import { ORGANISATION_STATUSES, type OrganisationStatus } from '../organisations/organisation-status';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const DISTRICTS = codesOf('district');
const PHONE = /^[0-9+\-() ]{5,20}$/;

export class RegisterOrganisationDto {
  @ApiProperty({ enum: ['agency', 'vendor'], description: '需求方 agency or 供给方 vendor' })
  @IsIn(['agency', 'vendor'])
  type: 'agency' | 'vendor';

  @ApiProperty({ example: '湖州市经济和信息化局', maxLength: 100 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(100)
  nameZh: string;

  @ApiPropertyOptional({ example: 'Huzhou Economy and Information Technology Bureau', maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxChars(200)
  nameEn?: string;

  @ApiProperty({ example: '11330500002619347X', description: '统一社会信用代码 (GB 32100-2015)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @MaxChars(64)
  @IsUscc()
  uscc: string;

  @ApiProperty({ enum: DISTRICTS, example: 'wuxing' })
  @IsIn(DISTRICTS)
  districtCode: string;

  @ApiProperty({ example: '王晓明', maxLength: 50 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(50)
  contactName: string;

  @ApiProperty({ example: '0572-2345678' })
  @IsString()
  @Matches(PHONE)
  contactPhone: string;

  @ApiProperty({ example: 'contact@example.gov.cn' })
  @Transform(lower)
  @IsString()
  @MaxChars(254)
  @IsEmail()
  contactEmail: string;
}

export class NewUserDto {
  @ApiProperty({ example: 'wang@example.gov.cn' })
  @Transform(lower)
  @IsString()
  @MaxChars(254)
  @IsEmail()
  email: string;

  @ApiProperty({
    minLength: 10,
    maxLength: PASSWORD_MAX_LENGTH,
    description: 'At least 10 characters with letters and digits',
  })
  @IsString()
  @MaxChars(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ example: '王晓明', maxLength: 50 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(50)
  displayName: string;
}

/** PATCH auth/me: the caller's own settings. */
export class UpdateMeDto {
  @ApiPropertyOptional({ enum: USER_LOCALES, description: 'The language of the emails the user receives' })
  @IsOptional()
  @IsIn(USER_LOCALES)
  locale?: UserLocale;
}

export class RegisterDto {
  @ApiProperty({ type: RegisterOrganisationDto })
  // IsDefined + IsObject: ValidateNested alone lets a missing or non-object value through.
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RegisterOrganisationDto)
  organisation: RegisterOrganisationDto;

  @ApiProperty({ type: NewUserDto, description: 'The first user; becomes the organisation admin' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NewUserDto)
  user: NewUserDto;
}

export class NewMemberDto extends NewUserDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class LoginDto {
  @ApiProperty()
  @Transform(lower)
  @IsString()
  @MaxChars(254)
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxChars(PASSWORD_MAX_LENGTH)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from login or the last refresh' })
  @IsString()
  @IsNotEmpty()
  @MaxChars(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxChars(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MaxChars(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class RejectOrganisationDto {
  @ApiProperty({ example: '统一社会信用代码与营业执照不一致', maxLength: 500 })
  @Transform(trimString)
  @IsString()
  @IsNotEmpty()
  @MaxChars(500)
  reason: string;
}

export class ListOrganisationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_STATUSES })
  @IsOptional()
  @IsIn(ORGANISATION_STATUSES)
  status?: OrganisationStatus;

  @ApiPropertyOptional({ enum: ['agency', 'vendor', 'enablement_centre'] })
  @IsOptional()
  @IsIn(['agency', 'vendor', 'enablement_centre'])
  type?: 'agency' | 'vendor' | 'enablement_centre';
}

/** Users of one role, for the centre (e.g. the reviewer picker). */
export class ListUsersQuery extends PageQuery {
  @ApiProperty({ enum: ROLES, example: 'reviewer' })
  @IsIn(ROLES)
  role: Role;
}
