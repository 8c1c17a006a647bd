-- Dossiers imported from the previous one-stop system (lịch sử hồ sơ): what that system recorded about their
-- components and results, which live outside MotCua's stores. Read by the 766 facts; NULL for dossiers made here.
--   { "source": "...", "officialId": "<handling official>", "electronicResult": bool, "digitised": bool,
--     "reused": bool, "fromStore": bool }
ALTER TABLE dossiers ADD COLUMN imported jsonb;
