package dev.custintel.gorgias.internal;

import dev.custintel.gorgias.GorgiasException;
import dev.custintel.gorgias.GorgiasPage;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks cursor pages lazily: a page is fetched only when the items of the one before are used up, and the walk
 * ends at a null next cursor. Not API.
 */
final class CursorIterator<T> implements Iterator<T> {
  private final String operation;
  private final Function<@Nullable String, GorgiasPage<T>> fetch;
  private @Nullable String cursor;
  private boolean lastPage;
  private Iterator<T> items = Collections.emptyIterator();

  CursorIterator(String operation, @Nullable String startCursor, Function<@Nullable String, GorgiasPage<T>> fetch) {
    this.operation = operation;
    this.cursor = startCursor;
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    // A loop: a page the client filtered can be empty while a next page exists.
    while (!items.hasNext()) {
      if (lastPage) {
        return false;
      }
      GorgiasPage<T> page = fetch.apply(cursor);
      String next = page.nextCursor();
      if (next != null && next.equals(cursor)) {
        throw new GorgiasException("Gorgias gave the same cursor as the next page of " + operation
            + "; stopped paging rather than loop forever.", operation, 200, null, null, null, false, 1, null);
      }
      cursor = next;
      lastPage = next == null;
      items = page.items().iterator();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return items.next();
  }
}
