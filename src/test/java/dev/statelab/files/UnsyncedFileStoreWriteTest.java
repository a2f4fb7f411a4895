package dev.statelab.files;

/**
 * Every write case again with {@code statelab.storage.sync-writes=false}: leaving the bytes to the page
 * cache gives up durability across a machine crash, never atomicity (whole or absent, limits, roll-back).
 */
class UnsyncedFileStoreWriteTest extends FileStoreWriteTest {

    @Override
    boolean syncWrites() {
        return false;
    }
}
