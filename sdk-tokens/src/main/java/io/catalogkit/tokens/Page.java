package io.catalogkit.tokens;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One page of a listing, with the way to the next. Immutable; fetching the next page sends a
 * request each time it is called.
 *
 * @param <T> the item type
 */
public final class Page<T> {
    /**
     * The largest page size a listing accepts (Atlan's {@code limit}, DataHub's {@code count}):
     * larger pages are refused before anything is sent.
     */
    public static final int MAX_SIZE = 1000;

    private final List<T> items;
    private final int total;
    private final Supplier<Page<T>> next;

    private Page(List<T> items, int total, Supplier<Page<T>> next) {
        this.items = List.copyOf(items);
        this.total = total;
        this.next = next;
    }

    /**
     * Makes a page; services use it, and so can tests that mock a service.
     *
     * @param items the items on this page
     * @param total how many items match in all, as the server reports it
     * @param next fetches the next page, or null when this is the last
     * @param <T> the item type
     * @return the page
     */
    public static <T> Page<T> of(List<T> items, int total, Supplier<Page<T>> next) {
        return new Page<>(Objects.requireNonNull(items, "items"), total, next);
    }

    /**
     * The items on this page.
     *
     * @return an unmodifiable list
     */
    public List<T> getItems() {
        return items;
    }

    /**
     * How many items match in all, as the server reports them.
     *
     * @return the total
     */
    public int getTotal() {
        return total;
    }

    /**
     * Whether another page follows.
     *
     * @return true when {@link #nextPage()} has something to fetch
     */
    public boolean hasNextPage() {
        return next != null;
    }

    /**
     * Fetches the next page. Services never offer one whose offset would pass {@link
     * Integer#MAX_VALUE}: the page before it is the last.
     *
     * @return the next page
     * @throws NoSuchElementException on the last page
     */
    public Page<T> nextPage() {
        if (next == null) {
            throw new NoSuchElementException("this is the last page: check hasNextPage() first");
        }
        return next.get();
    }

    /**
     * Every item from this page on, fetching further pages only as the stream reaches them.
     *
     * @return a sequential, lazy stream
     */
    public Stream<T> autoPager() {
        return StreamSupport.stream(new Pager<>(this), false);
    }

    /**
     * Walks the pages holding only the current one, so that a long walk keeps one page in memory
     * (a stream built on {@code Stream.iterate} would keep its first page as the seed).
     */
    private static final class Pager<T> extends Spliterators.AbstractSpliterator<T> {
        private Page<T> page;
        private Iterator<T> items;

        Pager(Page<T> first) {
            super(Long.MAX_VALUE, Spliterator.ORDERED);
            this.page = first;
            this.items = first.items.iterator();
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            while (!items.hasNext()) {
                if (page == null || !page.hasNextPage()) {
                    page = null;
                    return false;
                }
                Page<T> next = page.nextPage();
                page = next;
                items = next.items.iterator();
            }
            action.accept(items.next());
            return true;
        }
    }

    @Override
    public String toString() {
        return "Page[items=" + items.size() + ", total=" + total + ", hasNextPage=" + hasNextPage() + "]";
    }
}
