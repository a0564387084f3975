import { join } from 'node:path';
import { SqliteStore } from '../../src/server/store/sqlite';
import { storeContract } from './store-contract';
import { tempDir } from './support';

storeContract('SQLite', {
  async make() {
    const { dir, cleanup } = tempDir();
    const file = join(dir, 'nested', 'closecall.db');
    const store = new SqliteStore(file);
    const others: SqliteStore[] = [];
    return {
      store,
      reopen: async () => {
        const s = new SqliteStore(file);
        others.push(s);
        return s;
      },
      cleanup: async () => {
        await store.close();
        for (const s of others) await s.close();
        cleanup();
      },
    };
  },
});
