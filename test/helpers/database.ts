// The tests' databases are the benchmark's too: one implementation, in scripts/lib.
export * from '../../scripts/lib/throwaway-database';
