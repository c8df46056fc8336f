import { bilingual } from '../i18n/texts';

export const authText = bilingual(
  {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    invalid: '用户名或密码不正确。',
    throttled: '尝试次数太多，请一分钟后再试。',
    failed: '登录失败，请稍后再试。',
    signedOut: '你已退出登录，或登录已过期。请重新登录。',
  },
  {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalid: 'The username or password is wrong.',
    throttled: 'Too many attempts. Try again in a minute.',
    failed: 'Sign-in failed. Please try again later.',
    signedOut: 'You are signed out, or your sign-in expired. Please sign in again.',
  },
);
