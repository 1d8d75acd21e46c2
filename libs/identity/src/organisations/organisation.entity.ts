import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationType } from '@app/common';
import type { OrganisationStatus } from './organisation-status';

@Entity('organisation')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: OrganisationType;

  @Column('text', { name: 'name_zh' })
  nameZh: string;

  @Column('text', { name: 'name_en', nullable: true })
  nameEn: string | null;

  @Column('char', { length: 18 })
  uscc: string;

  @Column('text', { name: 'district_code' })
  districtCode: string;

  @Column('text', { name: 'contact_name' })
  contactName: string;

  @Column('text', { name: 'contact_phone' })
  contactPhone: string;

  @Column('text', { name: 'contact_email' })
  contactEmail: string;

  @Column('text')
  status: OrganisationStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  @Column('timestamptz', { name: 'status_changed_at', nullable: true })
  statusChangedAt: Date | null;

  @Column('uuid', { name: 'status_changed_by', nullable: true })
  statusChangedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
