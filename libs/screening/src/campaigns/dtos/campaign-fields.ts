import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayUnique, IsArray, IsUUID } from 'class-validator';

export const CAMPAIGN_NAME_MAX_LENGTH = 200;
export const CONSENT_TEXT_MAX_LENGTH = 4000;
/** A campaign asks a handful of questionnaires; more would exhaust the students. */
export const MAX_CAMPAIGN_INSTRUMENTS = 6;
export const MAX_CAMPAIGN_TARGETS = 500;

/** An array of distinct UUIDs of bounded size. */
export const UuidList = (max: number) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), ArrayUnique(), IsUUID('all', { each: true }));
