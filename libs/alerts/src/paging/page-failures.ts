import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FailureNotices } from '#messaging';

/**
 * A page that could not be delivered is itself news for the administrators: someone who should
 * have been reached was not (a wrong number, a full mailbox, a relay down).
 */
@Injectable()
export class PageFailures implements OnModuleInit {
  constructor(private readonly notices: FailureNotices) {}

  onModuleInit(): void {
    this.notices.tellAdministrators('alert.page', (message) => {
      const channel = message.channel === 'sms' ? '短信' : '邮件';
      return {
        kind: 'delivery.page_failed',
        title: `A page by ${message.channel === 'sms' ? 'SMS' : 'email'} about an alert could not be delivered; check the recipient's contact details and reach them another way`,
        subject: '【送达失败】一条紧急预警未能送达 / A page was not delivered',
        line: `一条紧急预警的${channel}未能送达值班人员，请立即改用其他方式联系，并核对其联系方式。`,
        english: 'A page about a critical alert could not be delivered. Reach the person another way now and check their contact details.',
        sms: `【校园心理】紧急预警${channel}未能送达，请立即登录系统处理。`,
      };
    });
  }
}
