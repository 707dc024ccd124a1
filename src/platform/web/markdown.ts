import MarkdownIt from 'markdown-it';

/**
 * Markdown to HTML with raw HTML switched off: markup typed into a post is shown as text, and
 * markdown-it refuses javascript:, vbscript: and data: links (except images), so output is safe to embed.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderMarkdown(source: string): string {
  return renderer.render(source);
}

/** Markdown written by applicants: the same safety, and links marked as user content that gets no endorsement. */
const userRenderer = new MarkdownIt({ html: false, linkify: true, typographer: true });
userRenderer.renderer.rules['link_open'] = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet('rel', 'nofollow ugc noopener');
  return self.renderToken(tokens, index, options);
};

export function renderUserMarkdown(source: string): string {
  return userRenderer.render(source);
}
