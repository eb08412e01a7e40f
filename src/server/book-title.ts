/**
 * Book-title marks (书名号) around a title. A title that has its own — 《秋天的雨》第二课时教案 — takes single marks
 * inside double ones, as Chinese punctuation writes a title within a title (GB/T 15834): 《〈秋天的雨〉第二课时教案》,
 * never 《《秋天的雨》第二课时教案》.
 */
export function bookTitle(title: string): string {
  return `《${innerTitle(title)}》`;
}

/** A title to be put inside 《》 by a template: its own double marks become single ones. */
export function innerTitle(title: string): string {
  return title.replaceAll('《', '〈').replaceAll('》', '〉');
}
