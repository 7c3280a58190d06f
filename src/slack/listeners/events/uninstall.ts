import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';

/**
 * `app_uninstalled`: the workspace (or org) removed NoTech; `tokens_revoked` with bot tokens: its
 * bot token no longer works. Either way, with OAuth, its installation and everything kept for it
 * is deleted (context names the workspace: Bolt skips authorize for these two events and takes
 * team_id and enterprise_id from the request). With one workspace there is nothing kept per
 * workspace to delete. A revoked user token changes nothing: none is kept.
 */
export function workspaceGone(deps: ListenerDeps) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs): Promise<void> => {
    if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length === 0) return;
    if (!deps.uninstall) {
      deps.logger.warn({ event: event.type }, 'NoTech was uninstalled or its token revoked; with SLACK_BOT_TOKEN nothing is kept per workspace');
      return;
    }
    await deps.uninstall({ teamId: context.teamId, enterpriseId: context.enterpriseId, isEnterpriseInstall: context.isEnterpriseInstall }, event.type);
  };
}
