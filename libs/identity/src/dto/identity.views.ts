import { USER_LOCALES, type UserLocale } from '../users/user-locale';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrganisationType, Role } from '@app/common';
import type { OrganisationEntity } from '../organisations/organisation.entity';
import type { OrganisationStatus } from '../organisations/organisation-status';
import type { UserEntity, UserStatus } from '../users/user.entity';

export class OrganisationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['agency', 'vendor', 'enablement_centre'] }) type: OrganisationType;
  @ApiProperty() nameZh: string;
  @ApiPropertyOptional({ nullable: true, type: String }) nameEn: string | null;
  @ApiProperty() uscc: string;
  @ApiProperty() districtCode: string;
  @ApiProperty() contactName: string;
  @ApiProperty() contactPhone: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty({ enum: ['pending', 'verified', 'rejected'] }) status: OrganisationStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty() createdAt: string;

  static of(o: OrganisationEntity): OrganisationView {
    return {
      id: o.id,
      type: o.type,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      uscc: o.uscc,
      districtCode: o.districtCode,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      contactEmail: o.contactEmail,
      status: o.status,
      statusReason: o.statusReason,
      createdAt: o.createdAt.toISOString(),
    };
  }
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() role: Role;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: UserStatus;
  @ApiProperty({ enum: USER_LOCALES, description: 'The language of the emails the user receives' }) locale: UserLocale;
  @ApiProperty() createdAt: string;

  static of(u: UserEntity): UserView {
    return {
      id: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      organisationId: u.organisationId,
      status: u.status,
      locale: u.locale,
      createdAt: u.createdAt.toISOString(),
    };
  }
}

export class RegistrationView {
  @ApiProperty({ type: OrganisationView }) organisation: OrganisationView;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Single use: each refresh returns a new one' }) refreshToken: string;
  @ApiProperty() refreshExpiresAt: string;
}

export class SessionView extends TokenPairView {
  @ApiProperty({ type: UserView }) user: UserView;
}

export class MeView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiPropertyOptional({ type: OrganisationView, nullable: true }) organisation: OrganisationView | null;
}

export class OrganisationPageView {
  @ApiProperty({ type: [OrganisationView] }) items: OrganisationView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor: string | null;
}

export class UserPageView {
  @ApiProperty({ type: [UserView] }) items: UserView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
