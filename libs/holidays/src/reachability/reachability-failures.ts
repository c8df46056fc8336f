import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FailureNotices } from '#messaging';

/** A duty officer's reachability test that could not be delivered: the administrators learn at once, not at the 24-hour deadline. */
@Injectable()
export class ReachabilityFailures implements OnModuleInit {
  constructor(private readonly notices: FailureNotices) {}

  onModuleInit(): void {
    this.notices.tellAdministrators('duty.reachability_check', (message) => {
      const channel = message.channel === 'sms' ? '短信' : '邮件';
      return {
        kind: 'duty.reachability_failed',
        title: `A duty officer's reachability test by ${message.channel === 'sms' ? 'SMS' : 'email'} could not be delivered; check their contact details before the holiday`,
        subject: '【送达失败】值班人员联络测试未能送达 / A duty officer could not be reached',
        line: `一位值班人员的联络测试${channel}未能送达，请在假期前核对其联系方式。`,
        english: "A duty officer's reachability test could not be delivered. Check their contact details before the holiday.",
        sms: `【校园心理】值班人员联络测试${channel}未能送达，请登录系统核对。`,
      };
    });
  }
}
