import { Body, Controller, Get, HttpCode, Module, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { applyKeyset, type Page, PageQuery, Post, Public, toPage, UuidParam } from '#core';

export class CreateProbeDto {
  @IsString()
  @Length(1, 50)
  name: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  count?: number;
}

interface ProbeRow {
  id: string;
  created_at: Date;
}

/**
 * Test-only routes that exercise the shared conventions (validation, errors, pagination)
 * through the real HTTP configuration, independent of any feature module.
 */
@Public()
@Controller('probes')
export class ProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Post(':probeId')
  @HttpCode(200)
  create(@UuidParam('probeId') probeId: string, @Body() body: CreateProbeDto) {
    return { probeId, ...body };
  }

  @Get()
  async list(@Query() query: PageQuery): Promise<Page<{ id: string; createdAt: string }>> {
    const qb = this.dataSource.createQueryBuilder().select(['p.id AS id', 'p.created_at AS created_at']).from('probe_items', 'p');
    const rows = await applyKeyset(qb, { columns: ['p.created_at', 'p.id'], casts: ['timestamptz', 'uuid'] }, query).getRawMany<ProbeRow>();
    return toPage(rows, query, (r) => [r.created_at.toISOString(), r.id], (r) => ({ id: r.id, createdAt: r.created_at.toISOString() }));
  }

  @Get('failure')
  failure(): never {
    throw new Error('secret detail: SELECT * FROM students WHERE name = 张三');
  }

  @Get('database-failure')
  async databaseFailure(): Promise<unknown> {
    return this.dataSource.query('SELECT * FROM no_such_table_here');
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
