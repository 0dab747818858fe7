// The baseline: a naive first-fit allocator as students usually write it. One singly linked
// list of { page, offset, size, free } nodes in address order, scanned from the head:
// alloc takes the first free node that fits and splits it; free walks the list to the node
// whose address matches, marks it free and merges it with its free neighbours (never across a
// page boundary). It keeps bookkeeping only (addresses are numbers, page * pageBytes + offset);
// no memory is mapped or touched, exactly like the heap under test, whose alloc/free touch only
// bookkeeping too.

class Node {
  constructor(page, offset, size, free, next) {
    this.page = page;
    this.offset = offset;
    this.size = size;
    this.free = free;
    this.next = next;
  }
}

export class FirstFitList {
  /**
   * @param {{ pageBytes: number, unitBytes: number, maxPages: number, mapFirstPage?: boolean }} options
   * Part A: maxPages 1 with the page made at creation; Part B: pages added one at a time, when no
   * free node fits.
   */
  constructor({ pageBytes, unitBytes, maxPages, mapFirstPage = false }) {
    this.pageBytes = pageBytes;
    this.unitBytes = unitBytes;
    this.maxPages = maxPages;
    this.pages = 0;
    this.head = null;
    this.tail = null;
    this.nodes = 0;
    if (mapFirstPage) this.#addPage();
  }

  #addPage() {
    if (this.pages >= this.maxPages) return false;
    const node = new Node(this.pages, 0, this.pageBytes, true, null);
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.pages += 1;
    this.nodes += 1;
    return true;
  }

  /** An address, or null when nothing fits and no page may be added. */
  alloc(size) {
    if (size <= 0 || size % this.unitBytes !== 0 || size > this.pageBytes) return null;
    for (;;) {
      for (let node = this.head; node !== null; node = node.next) {
        if (!node.free || node.size < size) continue;
        if (node.size > size) {
          const rest = new Node(node.page, node.offset + size, node.size - size, true, node.next);
          if (this.tail === node) this.tail = rest;
          node.next = rest;
          node.size = size;
          this.nodes += 1;
        }
        node.free = false;
        return node.page * this.pageBytes + node.offset;
      }
      if (!this.#addPage()) return null;
    }
  }

  /** Frees the chunk starting at `address`; false when no used chunk starts there. */
  free(address) {
    const page = Math.floor(address / this.pageBytes);
    const offset = address - page * this.pageBytes;
    let previous = null;
    for (let node = this.head; node !== null; previous = node, node = node.next) {
      if (node.page !== page || node.offset !== offset) continue;
      if (node.free) return false;
      node.free = true;
      const next = node.next;
      if (next !== null && next.free && next.page === page) {
        node.size += next.size;
        node.next = next.next;
        if (this.tail === next) this.tail = node;
        this.nodes -= 1;
      }
      if (previous !== null && previous.free && previous.page === page) {
        previous.size += node.size;
        previous.next = node.next;
        if (this.tail === node) this.tail = previous;
        this.nodes -= 1;
      }
      return true;
    }
    return false;
  }

  /**
   * Builds the list from a chunk layout (page, offset, size, free), in page then address order.
   * Used to start the scaled runs from exactly the layout the heap under test reached, instead of
   * an O(n^2) fill through `alloc` (first fit on both sides makes the same choices; the bench
   * checks this on the small heaps).
   */
  static fromLayout(options, chunks, pages) {
    const list = new FirstFitList({ ...options, mapFirstPage: false });
    let tail = null;
    for (const chunk of chunks) {
      const node = new Node(chunk.page, chunk.offset, chunk.size, chunk.free, null);
      if (tail) tail.next = node;
      else list.head = node;
      tail = node;
      list.nodes += 1;
    }
    list.tail = tail;
    list.pages = pages;
    return list;
  }

  /** The layout, as { page, offset, size, free } in list order. */
  layout() {
    const chunks = [];
    for (let node = this.head; node !== null; node = node.next) {
      chunks.push({ page: node.page, offset: node.offset, size: node.size, free: node.free });
    }
    return chunks;
  }
}
