import { Body, Controller, Get, Headers, HttpCode, Patch } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiIfMatchHeader, expectedVersion, Post } from '#core';
import { type Caller, CurrentCaller, Permission, RequirePermission } from '#access';
import { ConfirmVerificationDto, type ContactDetailsView, RequestVerificationDto, UpdateContactDetailsDto, type VerificationSentView } from './contact.dtos.js';
import { ContactDetailsService } from './contact-details.service.js';

/** The caller's own email, mobile, quiet hours and preferred channel. */
@ApiTags('contact details')
@Controller('me/contact')
export class ContactDetailsController {
  constructor(private readonly contacts: ContactDetailsService) {}

  @Get()
  @RequirePermission(Permission.SelfManage)
  @ApiOperation({ operationId: 'getMyContactDetails', summary: 'How the system reaches you outside it: addresses, whether each is verified, quiet hours' })
  get(@CurrentCaller() caller: Caller): Promise<ContactDetailsView> {
    return this.contacts.get(caller);
  }

  @Patch()
  @RequirePermission(Permission.SelfManage)
  @ApiOperation({
    operationId: 'updateMyContactDetails',
    summary: 'Change your email, mobile, preferred channel or quiet hours',
    description: 'A changed address is unverified until you confirm a code sent to it; until then nothing is sent there. Audited.',
  })
  @ApiIfMatchHeader()
  update(@CurrentCaller() caller: Caller, @Headers('if-match') ifMatch: string | undefined, @Body() body: UpdateContactDetailsDto): Promise<ContactDetailsView> {
    return this.contacts.update(caller, expectedVersion(ifMatch, body.version), body);
  }

  @Post('verifications')
  @RequirePermission(Permission.SelfManage)
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestContactVerification',
    summary: 'Send a six-digit code to your email or mobile',
    description: 'The code is valid for 10 minutes and replaces any earlier one; one code a minute at most.',
  })
  requestVerification(@CurrentCaller() caller: Caller, @Body() body: RequestVerificationDto): Promise<VerificationSentView> {
    return this.contacts.requestVerification(caller, body.channel);
  }

  @Post('verifications/confirm')
  @RequirePermission(Permission.SelfManage)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'confirmContactVerification',
    summary: 'Confirm the code that reached you: the address is verified',
    description: 'Five wrong codes use the code up.',
  })
  confirmVerification(@CurrentCaller() caller: Caller, @Body() body: ConfirmVerificationDto): Promise<ContactDetailsView> {
    return this.contacts.confirmVerification(caller, body.channel, body.code);
  }
}
