/** One page of a list: the page asked for, kept within 1…pages. */
export function pageOf(total: number, page: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { pages, page: current, skip: (current - 1) * size, take: size };
}

