import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The largest PostgreSQL `integer`: a version, count or amount past it fails the query (22003),
 * so every integer of a request is bounded by it, or by less (a test checks every DTO).
 */
export const INT4_MAX = 2_147_483_647;

/** The version an edit or action is based on: 1 up to the largest `integer`. */
export const IsVersion = (): PropertyDecorator => applyDecorators(IsInt(), Min(1), Max(INT4_MAX));
