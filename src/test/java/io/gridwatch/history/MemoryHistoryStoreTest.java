package io.gridwatch.history;

/** The history contract on the in-memory store, so that the tests using it test against the real behaviour. */
class MemoryHistoryStoreTest extends HistoryStoreContract {
    @Override
    HistoryStore open() {
        return new MemoryHistoryStore();
    }
}
