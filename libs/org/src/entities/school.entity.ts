import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn, VersionNumberColumn } from '#core';

/** The tenant. Every other row of school data carries this id as `school_id`. */
@Entity('schools')
export class School {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** A short unique code, e.g. for sign-in pages and exports. */
  @Column({ type: 'text', unique: true })
  code: string;

  /** Calendar dates of this school are read in this IANA zone. */
  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timezone: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  @VersionNumberColumn()
  version: number;
}
