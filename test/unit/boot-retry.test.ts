import { describe, expect, it } from 'vitest';
import { bootRetryingSchemaRace, isSchemaRace } from '../../scripts/lib/boot-retry';

describe('isSchemaRace', () => {
  it('recognises what a boot racing another on a new database fails with, on each database', () => {
    for (const message of [
      'create table `strapi_migrations` (`id` integer not null primary key autoincrement) - table `strapi_migrations` already exists',
      'Migration core::5.0.0-discard-drafts (up) failed: Original error: insert into `articles` … - UNIQUE constraint failed: articles.id',
      'insert or update on table "admin_permissions_role_lnk" violates foreign key constraint "admin_permissions_role_lnk_fk"',
      'duplicate key value violates unique constraint "pg_type_typname_nsp_index"',
      "Duplicate FOREIGN KEY constraint name 'db/admin_permissions_role_lnk_fk'",
      "Table 'strapi_migrations' already exists",
      "Can't DROP FOREIGN KEY `files_created_by_id_fk`; check that it exists",
    ]) {
      expect(isSchemaRace(new Error(message)), message).toBe(true);
    }
  });

  it('leaves other boot failures alone (an unreachable database fails at once)', () => {
    expect(isSchemaRace(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
    expect(isSchemaRace(new Error('DATABASE_CLIENT must be sqlite, postgres or mysql (got "oracle")'))).toBe(false);
  });
});

describe('bootRetryingSchemaRace', () => {
  it('boots again after a race, and gives up with a clear reason after its budget', async () => {
    let calls = 0;
    const retried: string[] = [];
    const booted = await bootRetryingSchemaRace(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('table `files` already exists');
        return 'strapi';
      },
      { waitMs: 1, onRetry: (error) => retried.push((error as Error).message) }
    );
    expect([booted, calls]).toEqual(['strapi', 3]);
    expect(retried).toEqual(['table `files` already exists', 'table `files` already exists']);

    await expect(
      bootRetryingSchemaRace(
        async () => {
          throw new Error('table `files` already exists');
        },
        { waitMs: 1, budgetMs: 20 }
      )
    ).rejects.toThrow(/another process seems to be creating the database's tables at the same time, and boot still failed after \d+ tries/);
    await expect(bootRetryingSchemaRace(async () => Promise.reject(new Error('connect ECONNREFUSED')))).rejects.toThrow('connect ECONNREFUSED');
  });
});
