import type { NotificationLocale, NotificationType } from '../notification-types';
import { formatWhen, oneLine, textOf } from './email-format';

/** A notification's words, plain text (escaped later for HTML): subject, paragraphs, the button's label. */
export interface NotificationText {
  subject: string;
  lines: string[];
  action: string;
}

type P = Record<string, unknown>;
type Texts = (p: P, locale: NotificationLocale) => NotificationText;

const zh = (locale: NotificationLocale) => locale === 'zh-CN';

/** The scenario's title as given (one line), or a neutral stand-in. */
function title(p: P, locale: NotificationLocale): string {
  const t = oneLine(textOf(p.scenarioTitle), 120);
  return t || (zh(locale) ? '（未命名场景）' : '(untitled scenario)');
}

const viewScenario = (locale: NotificationLocale) => (zh(locale) ? '查看场景' : 'View the scenario');

const TEXTS: Record<NotificationType, Texts> = {
  'scenario.matched': (p, l) => {
    const score = textOf(p.score);
    const amended = p.trigger === 'amended';
    return zh(l)
      ? {
          subject: `新场景与贵单位能力匹配：${title(p, l)}`,
          lines: [
            `场景「${title(p, l)}」${amended ? '已变更，' : ''}与贵单位的能力档案${score ? `匹配度为 ${score} 分（满分 100）` : '高度匹配'}。`,
            '欢迎查看场景详情并考虑揭榜。',
          ],
          action: viewScenario(l),
        }
      : {
          subject: `A scenario matching your organisation: ${title(p, l)}`,
          lines: [
            `The scenario “${title(p, l)}”${amended ? ' (amended)' : ''} matches your capability profile${score ? ` with a score of ${score} out of 100` : ''}.`,
            'Have a look and consider submitting a proposal.',
          ],
          action: viewScenario(l),
        };
  },
  'matching.invited': (p, l) =>
    zh(l)
      ? {
          subject: `赋能中心邀请贵单位揭榜：${title(p, l)}`,
          lines: [`湖州市人工智能赋能中心认为贵单位适合承接场景「${title(p, l)}」，邀请贵单位揭榜。`],
          action: viewScenario(l),
        }
      : {
          subject: `You are invited to apply: ${title(p, l)}`,
          lines: [
            `The Huzhou AI enablement centre thinks your organisation is a good fit for “${title(p, l)}” and invites you to submit a proposal.`,
          ],
          action: viewScenario(l),
        },
  'saved_search.matched': (p, l) => {
    const name = oneLine(textOf(p.savedSearchName), 100);
    return zh(l)
      ? {
          subject: `订阅的搜索有新场景：${title(p, l)}`,
          lines: [`新发布的场景「${title(p, l)}」符合您保存的搜索条件${name ? `「${name}」` : ''}。`],
          action: viewScenario(l),
        }
      : {
          subject: `New scenario for your saved search: ${title(p, l)}`,
          lines: [
            `The newly published scenario “${title(p, l)}” matches your saved search${name ? ` “${name}”` : ''}.`,
          ],
          action: viewScenario(l),
        };
  },
  'scenario.amended': (p, l) => {
    const no = textOf(p.amendmentNo);
    const deadline = formatWhen(p.proposalDeadline, l);
    return zh(l)
      ? {
          subject: `场景变更公告：${title(p, l)}`,
          lines: [
            `您关注或参与的场景「${title(p, l)}」发布了${no ? `第 ${no} 次` : ''}变更。`,
            ...(p.material === true ? ['本次为实质性变更：已提交的方案需要在截止前重新确认。'] : []),
            ...(p.deadlineExtended === true && deadline ? [`揭榜截止时间已延长至 ${deadline}。`] : []),
          ],
          action: '查看变更内容',
        }
      : {
          subject: `Scenario amended: ${title(p, l)}`,
          lines: [
            `The scenario “${title(p, l)}” you follow or bid on has been amended${no ? ` (amendment ${no})` : ''}.`,
            ...(p.material === true
              ? ['This is a material amendment: proposals already submitted must be re-confirmed before the deadline.']
              : []),
            ...(p.deadlineExtended === true && deadline ? [`The proposal deadline is extended to ${deadline}.`] : []),
          ],
          action: 'See what changed',
        };
  },
  'scenario.question_answered': (p, l) => {
    const revised = p.revised === true;
    return zh(l)
      ? {
          subject: `${revised ? '答疑已更新' : '新的答疑'}：${title(p, l)}`,
          lines: [`场景「${title(p, l)}」${revised ? '更新了一条答疑' : '发布了新的答疑'}，所有揭榜单位均可查看。`],
          action: '查看答疑',
        }
      : {
          subject: `${revised ? 'Answer revised' : 'New answer'}: ${title(p, l)}`,
          lines: [
            `${revised ? 'An answer was revised' : 'A clarification question was answered'} on “${title(p, l)}”; every vendor can read it.`,
          ],
          action: 'Read the answer',
        };
  },
  'scenario.deadline_reminder': (p, l) => {
    const days = textOf(p.daysBefore);
    const deadline = formatWhen(p.proposalDeadline, l);
    return zh(l)
      ? {
          subject: `揭榜截止提醒${days ? `（还有 ${days} 天）` : ''}：${title(p, l)}`,
          lines: [
            `场景「${title(p, l)}」将于 ${deadline || '近日'} 截止揭榜。`,
            '如您有未提交的方案草稿，请在截止前完成提交；截止后将无法提交或修改。',
          ],
          action: viewScenario(l),
        }
      : {
          subject: `Deadline reminder${days ? ` (${days} day${days === '1' ? '' : 's'} left)` : ''}: ${title(p, l)}`,
          lines: [
            `Proposals for “${title(p, l)}” close ${deadline ? `on ${deadline}` : 'soon'}.`,
            'If you have a draft, submit it before the deadline; after it nothing can be submitted or changed.',
          ],
          action: viewScenario(l),
        };
  },
  'scenario.proposals_at_closing': (p, l) => {
    const opened = textOf(p.openedCount) || '0';
    const excluded = textOf(p.excludedCount) || '0';
    return zh(l)
      ? {
          subject: `揭榜已截止：${title(p, l)}`,
          lines: [
            `场景「${title(p, l)}」揭榜已截止，共开启 ${opened} 份方案${excluded !== '0' ? `，${excluded} 份未开启（未在变更后重新确认）` : ''}。`,
          ],
          action: '查看方案',
        }
      : {
          subject: `Proposals closed: ${title(p, l)}`,
          lines: [
            `Proposals for “${title(p, l)}” have closed: ${opened} opened${excluded !== '0' ? `, ${excluded} not opened (not re-confirmed after an amendment)` : ''}.`,
          ],
          action: 'See the proposals',
        };
  },
  'scenario.vetting_decision': (p, l) => {
    const reason = oneLine(textOf(p.reason), 2000);
    const decisions: Record<string, [string, string]> = {
      approved: ['已通过审核，将纳入下一批场景机会清单', 'was approved and will join the next batch of the list'],
      returned: ['被退回修改，请根据审核意见修改后重新提交', 'was returned for changes; revise it and submit again'],
      rejected: ['未通过审核', 'was rejected'],
      published: ['已正式发布', 'is now published on the opportunity list'],
    };
    const [zhText, enText] = decisions[textOf(p.decision)] ?? ['的审核状态已更新', 'has a new vetting status'];
    return zh(l)
      ? {
          subject: `场景审核结果：${title(p, l)}`,
          lines: [`您单位的场景「${title(p, l)}」${zhText}。`, ...(reason ? [`意见：${reason}`] : [])],
          action: viewScenario(l),
        }
      : {
          subject: `Vetting decision: ${title(p, l)}`,
          lines: [`Your scenario “${title(p, l)}” ${enText}.`, ...(reason ? [`Comments: ${reason}`] : [])],
          action: viewScenario(l),
        };
  },
  'organisation.verification_result': (p, l) => {
    const name = oneLine(textOf(p.organisationName), 120) || (zh(l) ? '贵单位' : 'your organisation');
    const verified = p.result === 'verified';
    const reason = oneLine(textOf(p.reason), 2000);
    return zh(l)
      ? {
          subject: verified ? `单位认证已通过：${name}` : `单位认证未通过：${name}`,
          lines: [
            verified
              ? `「${name}」已通过湖州市人工智能赋能中心的认证，现在可以使用平台的全部功能。`
              : `「${name}」的认证申请未通过。`,
            ...(!verified && reason ? [`原因：${reason}`] : []),
          ],
          action: '登录平台',
        }
      : {
          subject: verified ? `Organisation verified: ${name}` : `Organisation not verified: ${name}`,
          lines: [
            verified
              ? `“${name}” has been verified by the Huzhou AI enablement centre: every feature of the platform is now open to you.`
              : `The verification of “${name}” was not approved.`,
            ...(!verified && reason ? [`Reason: ${reason}`] : []),
          ],
          action: 'Sign in',
        };
  },
  'evaluation.panel_assigned': (p, l) =>
    zh(l)
      ? {
          subject: `评审邀请：${title(p, l)}`,
          lines: [`您已被选入场景「${title(p, l)}」的评审专家组。请先登录平台申报利益冲突，评审开始后将另行通知。`],
          action: '进入评审',
        }
      : {
          subject: `Evaluation panel: ${title(p, l)}`,
          lines: [
            `You have been assigned to the evaluation panel of “${title(p, l)}”. Please sign in and declare any conflicts of interest; you will be told when scoring opens.`,
          ],
          action: 'Open the evaluation',
        },
  'evaluation.scoring_opened': (p, l) =>
    zh(l)
      ? {
          subject: `评审打分已开始：${title(p, l)}`,
          lines: [`场景「${title(p, l)}」的方案评审已开始，请登录平台完成打分。`],
          action: '开始打分',
        }
      : {
          subject: `Scoring is open: ${title(p, l)}`,
          lines: [`Scoring of the proposals for “${title(p, l)}” is open: please sign in and score them.`],
          action: 'Start scoring',
        },
  'evaluation.panel_closed': (p, l) =>
    zh(l)
      ? {
          subject: `评审已结束：${title(p, l)}`,
          lines: [`场景「${title(p, l)}」的评审已结束，感谢您的参与。`],
          action: '查看评审',
        }
      : {
          subject: `Evaluation closed: ${title(p, l)}`,
          lines: [`The evaluation of “${title(p, l)}” is closed. Thank you for taking part.`],
          action: 'View the evaluation',
        },
  'award.result': (p, l) => {
    const until = formatWhen(p.standstillEndsAt, l);
    const result = textOf(p.result);
    if (zh(l)) {
      const line =
        result === 'won'
          ? `恭喜！贵单位在场景「${title(p, l)}」的揭榜中中选。`
          : result === 'no_award'
            ? `场景「${title(p, l)}」本次揭榜无中选方案。`
            : `很遗憾，贵单位在场景「${title(p, l)}」的揭榜中未中选。`;
      return {
        subject: `揭榜结果：${title(p, l)}`,
        lines: [line, ...(result !== 'won' && until ? [`如对结果有异议，可在 ${until} 前提出。`] : [])],
        action: '查看结果',
      };
    }
    const line =
      result === 'won'
        ? `Congratulations! Your proposal for “${title(p, l)}” was selected.`
        : result === 'no_award'
          ? `No proposal was selected for “${title(p, l)}”.`
          : `We are sorry: your proposal for “${title(p, l)}” was not selected.`;
    return {
      subject: `Result: ${title(p, l)}`,
      lines: [line, ...(result !== 'won' && until ? [`You may object to the decision until ${until}.`] : [])],
      action: 'See the result',
    };
  },
  'objection.update': (p, l) => {
    const statuses: Record<string, [string, string]> = {
      lodged: ['已受理', 'was lodged'],
      upheld: [
        '成立：原决定已撤销，评审将重新进行',
        'was upheld: the decision is set aside and the evaluation reopens',
      ],
      dismissed: ['经复核不成立，原决定维持', 'was dismissed: the decision stands'],
      lapsed: ['因同一决定的其他异议成立而终止', 'lapsed: another objection to the same decision was upheld'],
    };
    const [zhText, enText] = statuses[textOf(p.status)] ?? ['的处理状态已更新', 'has a new status'];
    return zh(l)
      ? {
          subject: `异议处理进展：${title(p, l)}`,
          lines: [`关于场景「${title(p, l)}」揭榜结果的异议${zhText}。`],
          action: '查看详情',
        }
      : {
          subject: `Objection update: ${title(p, l)}`,
          lines: [`The objection to the result of “${title(p, l)}” ${enText}.`],
          action: 'See the details',
        };
  },
  'delivery.milestone_due': (p, l) => {
    const due = formatWhen(p.dueDate, l);
    return zh(l)
      ? {
          subject: `里程碑即将到期：${title(p, l)}`,
          lines: [`场景「${title(p, l)}」的一个交付里程碑将于 ${due || '近日'} 到期。`],
          action: '查看交付进度',
        }
      : {
          subject: `Milestone due soon: ${title(p, l)}`,
          lines: [`A delivery milestone of “${title(p, l)}” is due ${due ? `on ${due}` : 'soon'}.`],
          action: 'View the delivery',
        };
  },
  'delivery.milestone_overdue': (p, l) => {
    const due = formatWhen(p.dueDate, l);
    return zh(l)
      ? {
          subject: `里程碑已逾期：${title(p, l)}`,
          lines: [
            `场景「${title(p, l)}」的一个交付里程碑${due ? `（应于 ${due} 完成）` : ''}已逾期，请尽快处理或协商调整。`,
          ],
          action: '查看交付进度',
        }
      : {
          subject: `Milestone overdue: ${title(p, l)}`,
          lines: [
            `A delivery milestone of “${title(p, l)}”${due ? ` (due ${due})` : ''} is overdue: please deliver it or agree a change.`,
          ],
          action: 'View the delivery',
        };
  },
  'delivery.acceptance_result': (p, l) => {
    const round = textOf(p.roundNo);
    const verdicts: Record<string, [string, string]> = {
      met: ['达标', 'met'],
      partially_met: ['部分达标', 'partially met'],
      not_met: ['未达标', 'not met'],
    };
    const [zhVerdict, enVerdict] = verdicts[textOf(p.verdict)] ?? ['已记录', 'recorded'];
    const party = p.party === 'centre' ? ['赋能中心', 'The enablement centre'] : ['需求单位', 'The agency'];
    const outcomes: Record<string, [string, string]> = {
      awaiting_verdicts: ['等待另一方给出结论', 'awaiting the other party’s verdict'],
      acceptable: ['双方结论均已给出，可以办理验收', 'both verdicts are in: the scenario can be accepted'],
      not_met: ['本轮验收未通过，已开启下一轮', 'this round failed; a new round has opened'],
    };
    const [zhOutcome, enOutcome] = outcomes[textOf(p.outcome)] ?? ['', ''];
    return zh(l)
      ? {
          subject: `验收结论：${title(p, l)}`,
          lines: [
            `${party[0]}对场景「${title(p, l)}」${round ? `第 ${round} 轮` : ''}验收给出结论：${zhVerdict}。`,
            ...(zhOutcome ? [`当前状态：${zhOutcome}。`] : []),
          ],
          action: '查看验收',
        }
      : {
          subject: `Acceptance verdict: ${title(p, l)}`,
          lines: [
            `${party[1]} recorded “${enVerdict}” for “${title(p, l)}”${round ? ` (round ${round})` : ''}.`,
            ...(enOutcome ? [`Status: ${enOutcome}.`] : []),
          ],
          action: 'View the acceptance',
        };
  },
};

/** A notification's words in one language (plain text; the renderer escapes them for HTML). */
export function notificationText(type: NotificationType, params: P, locale: NotificationLocale): NotificationText {
  const t = TEXTS[type](params, locale);
  return { ...t, subject: oneLine(t.subject, 200), action: t.action || (zh(locale) ? '查看详情' : 'View') };
}

const enc = encodeURIComponent;

/**
 * Where a notification leads in the platform, relative to its base URL: the scenario, its delivery,
 * the proposal's result, the evaluation or the organisation. The in-app inbox can use the same path.
 */
export function notificationPath(type: NotificationType, params: P): string {
  const id = (key: string) => enc(textOf(params[key]));
  switch (type) {
    case 'organisation.verification_result':
      return `/organisations/${id('organisationId')}`;
    case 'evaluation.panel_assigned':
    case 'evaluation.scoring_opened':
    case 'evaluation.panel_closed':
      return textOf(params.evaluationId) ? `/evaluations/${id('evaluationId')}` : `/scenarios/${id('scenarioId')}`;
    case 'award.result':
      return textOf(params.proposalId) ? `/proposals/${id('proposalId')}` : `/scenarios/${id('scenarioId')}`;
    case 'objection.update':
      // Its audience (objector, agency, staff, winners of a set-aside decision) can all open the scenario,
      // not necessarily the objecting proposal.
      return `/scenarios/${id('scenarioId')}`;
    case 'delivery.milestone_due':
    case 'delivery.milestone_overdue':
    case 'delivery.acceptance_result':
      return `/scenarios/${id('scenarioId')}/delivery`;
    default:
      return `/scenarios/${id('scenarioId')}`;
  }
}
