import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { configProvider, RequestInputGuard } from '#core';
import { NotificationsModule } from '#notifications';
import { AccessGuard } from './access/access.guard.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthService } from './auth/auth.service.js';
import { ConsoleSessionController } from './auth/console-session.controller.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { RefreshTokenRepository } from './auth/refresh-token.repository.js';
import { BreakGlassController } from './break-glass/break-glass.controller.js';
import { BreakGlassRepository } from './break-glass/break-glass.repository.js';
import { BreakGlassService } from './break-glass/break-glass.service.js';
import { identityEntities } from './entities/index.js';
import { IdentityConfig } from './identity-config.js';
import { AccessTokenService } from './tokens/access-token.service.js';
import { MeController } from './users/me.controller.js';
import { MeService } from './users/me.service.js';
import { UserAdminRepository } from './users/user-admin.repository.js';
import { UserRepository } from './users/user.repository.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

/** Who the caller is and what their role may do: sign-in, tokens and the global access guard. */
@Module({
  imports: [TypeOrmModule.forFeature(identityEntities), NotificationsModule],
  controllers: [AuthController, ConsoleSessionController, MeController, BreakGlassController, UsersController],
  providers: [
    configProvider(IdentityConfig),
    AccessTokenService,
    PasswordHasher,
    UserRepository,
    RefreshTokenRepository,
    AuthService,
    MeService,
    UserAdminRepository,
    UsersService,
    BreakGlassRepository,
    BreakGlassService,
    { provide: APP_GUARD, useClass: AccessGuard },
    // After the access guard: a caller without a valid token gets 401 whatever the input.
    { provide: APP_GUARD, useClass: RequestInputGuard },
  ],
  exports: [PasswordHasher, AccessTokenService, IdentityConfig, BreakGlassService],
})
export class IdentityModule {}
