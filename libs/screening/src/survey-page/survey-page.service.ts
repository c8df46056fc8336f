import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ProblemException } from '#core';
import { SURVEY_TOKEN_PATTERN } from '../survey/survey-token.js';
import { SurveyTokens } from '../survey/survey-tokens.js';
import { SurveyRepository } from '../survey/survey.repository.js';
import { SurveyService } from '../survey/survey.service.js';
import { GENERAL_HELP_RESOURCES } from './help-resources.js';
import { HelpResourcesRepository } from './help-resources.repository.js';
import { SURVEY_PAGE_CSS } from './survey-page.css.js';
import { type NoticeKind, noticePageHtml, surveyPageHtml } from './survey-page.html.js';
import type { PageLanguage } from './survey-page-text.js';

const NOTICES: Record<string, NoticeKind> = { 'survey.not_found': 'notFound', 'survey.already_submitted': 'used', 'survey.closed': 'closed' };

/** The browser files the page loads, built by `browser/tsconfig.json` into `dist/survey-page/`. */
const SCRIPTS = new Set(['survey-client.js', 'survey-logic.js']);

export interface RenderedPage {
  status: number;
  html: string;
}

/** The student's survey as a page: the same rules as the JSON survey, with kind pages instead of problem details. */
@Injectable()
export class SurveyPageService {
  private readonly scripts = new Map<string, Promise<string>>();

  constructor(
    private readonly survey: SurveyService,
    private readonly repository: SurveyRepository,
    private readonly tokens: SurveyTokens,
    private readonly helpResources: HelpResourcesRepository,
  ) {}

  async page(token: string, lang: PageLanguage): Promise<RenderedPage> {
    try {
      return { status: 200, html: surveyPageHtml(await this.survey.open(token), lang) };
    } catch (error) {
      const kind = error instanceof ProblemException ? NOTICES[error.code] : undefined;
      if (!kind) throw error;
      return { status: (error as ProblemException).status, html: noticePageHtml(kind, lang, await this.helpFor(token, kind)) };
    }
  }

  stylesheet(): string {
    return SURVEY_PAGE_CSS;
  }

  /** A built browser script by name, or null for any other name. */
  async script(name: string): Promise<string | null> {
    if (!SCRIPTS.has(name)) return null;
    let text = this.scripts.get(name);
    if (!text) {
      text = readFile(new URL(`${BUILT_ASSETS}${name}`, import.meta.url), 'utf8');
      this.scripts.set(name, text);
      text.catch(() => this.scripts.delete(name));
    }
    return text;
  }

  /** A used or closed link still belongs to a school: show that school's help. An unknown link gets the general help. */
  private async helpFor(token: string, kind: NoticeKind) {
    if (kind === 'notFound' || !SURVEY_TOKEN_PATTERN.test(token)) return { resources: GENERAL_HELP_RESOURCES };
    const invitation = await this.repository.findByTokenHash(this.tokens.hashOf(token));
    if (!invitation) return { resources: GENERAL_HELP_RESOURCES };
    return { schoolName: invitation.schoolName, resources: await this.helpResources.resourcesOfSchool(invitation.schoolId) };
  }
}

/**
 * Where the built scripts are, relative to this file: from the sources (tests) the repository's
 * `dist/survey-page/`; from `dist/libs/...` its sibling `dist/survey-page/`.
 */
const BUILT_ASSETS = import.meta.url.includes('/dist/libs/') ? '../../../../survey-page/' : '../../../../dist/survey-page/';
