export function Brand() {
  return (
    <span className="flex items-center gap-2 text-[15px] font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" className="fill-accent-600" />
        <path d="M9 23V13l7-5 7 5v10h-4v-6h-6v6z" fill="#fff" />
      </svg>
      Gatehouse
    </span>
  );
}
