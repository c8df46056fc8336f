import { Module } from '@nestjs/common';
import { CoreModule, DatabaseModule } from '#core';
import { migrations } from '#migrations';

/** The HTTP server: wires the bounded contexts together and nothing else. */
@Module({
  imports: [CoreModule, DatabaseModule.forRoot({ migrations })],
})
export class AppModule {}
