/** What may be shown of the slips page the API prints: its slips, as the API drew them, with nothing that could run or style inline. */
const UNSAFE_ELEMENTS = 'script, style, link, iframe, frame, object, embed, form, base, meta';

/**
 * The slips of the API's printable page, ready to place in the console. The page itself cannot be
 * opened as it is: it needs the access token (no plain link), and as a blob document it would
 * inherit the console's CSP, which blocks its inline <style>. So its nodes are parsed (a parsed
 * document runs nothing), stripped of anything active or inline-styled, and styled by screening.css.
 */
export function slipsFromHtml(html: string): { campaignName: string; summary: string; slips: Element | null } {
  // The parsed document is held to the console's CSP too: its <style> would be reported as a
  // violation even though it is never applied, so it goes before parsing.
  const parsed = new DOMParser().parseFromString(html.replace(/<style\b[\s\S]*?<\/style\s*>/gi, ''), 'text/html');
  parsed.querySelectorAll(UNSAFE_ELEMENTS).forEach((element) => element.remove());
  parsed.querySelectorAll('*').forEach((element) => {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || ((name === 'href' || name === 'src' || name === 'xlink:href') && !attribute.value.startsWith('#'))) {
        element.removeAttribute(attribute.name);
      }
    }
  });
  return {
    campaignName: parsed.querySelector('header h1')?.textContent ?? '',
    summary: parsed.querySelector('header p')?.textContent ?? '',
    slips: parsed.querySelector('main.slips'),
  };
}
