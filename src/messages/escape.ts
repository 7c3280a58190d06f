/**
 * `@channel`, `@here`, `@everyone` as plain words. Slack's API does not turn them into pings
 * unless a message asks it to (`link_names`, `parse: full`, which the bot never sets), but a
 * decoded `<!channel>` is echoed back as exactly this text, so an invisible word joiner after
 * the `@` keeps it inert whatever a client or a future option does with it.
 */
const SPECIAL_MENTION = /@(channel|here|everyone)\b/gi;

/**
 * Slack mrkdwn escaping. Slack treats exactly three characters as control characters:
 * & < >. Escaping them turns `<!channel>`, `<@U123>` or `<https://evil|click>` typed by a user
 * (or written in a knowledge edit) into visible text that pings and links nobody.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(SPECIAL_MENTION, '@\u2060$1');
}

/** A link we build ourselves; the label is escaped, the URL is validated https without < > |. */
export function link(url: string, label: string): string {
  if (!/^https:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(label);
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** User text quoted back in a message: escaped, on one line, and short. */
export function quoteUserText(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = [...oneLine].length > max ? `${[...oneLine].slice(0, max - 1).join('')}…` : oneLine;
  return escapeMrkdwn(short);
}

/**
 * Control sequences in a mrkdwn string that Slack would act on: anything in angle brackets
 * other than an https link. Used by tests and the limits check to prove nothing slipped through.
 */
export function unsafeSequences(mrkdwn: string): string[] {
  const found: string[] = [];
  for (const match of mrkdwn.matchAll(/<([^>]*)>?/g)) {
    if (!/^https:\/\/[^\s<>|]+\|[^<>]*$/.test(match[1] ?? '')) found.push(match[0]);
  }
  return found;
}
