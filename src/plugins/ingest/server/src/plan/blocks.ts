import type { BodyBlock } from '../parse/types';

/** Strapi's rich-text (blocks) value, as the importer writes it. */
export type BlocksValue = Array<
  | { type: 'paragraph'; children: Array<{ type: 'text'; text: string }> }
  | { type: 'heading'; level: 2; children: Array<{ type: 'text'; text: string }> }
>;

export const toBlocks = (body: BodyBlock[]): BlocksValue =>
  body.map((block) =>
    block.type === 'heading'
      ? { type: 'heading', level: 2, children: [{ type: 'text', text: block.text }] }
      : { type: 'paragraph', children: [{ type: 'text', text: block.text }] }
  );

interface BlockNode {
  type?: string;
  text?: string;
  children?: BlockNode[];
}

const textOf = (node: BlockNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('');

/**
 * Reads a stored blocks value back as paragraphs and headings. Editors' saves may add marks or
 * split text nodes; only the words and the block kinds count as a change.
 */
export const fromBlocks = (value: unknown): BodyBlock[] => {
  if (!Array.isArray(value)) return [];
  return (value as BlockNode[]).map((block) => ({
    type: block.type === 'heading' ? 'heading' : 'paragraph',
    text: textOf(block),
  }));
};
