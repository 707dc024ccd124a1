import MarkdownIt from 'markdown-it';

/**
 * Markdown to HTML with raw HTML switched off: markup typed into a post is shown as text, and
 * markdown-it refuses javascript:, vbscript: and data: links (except images), so output is safe to embed.
 */
const renderer = new MarkdownIt({ html: false, linkify: true, typographer: true });

export function renderMarkdown(source: string): string {
  return renderer.render(source);
}
