-- RenameColumn (hand-edited: the generated diff dropped "activation_stamp" and
-- added "key_stamp", which would lose every outstanding stamp)
ALTER TABLE "users" RENAME COLUMN "activation_stamp" TO "key_stamp";

-- CreateIndex
CREATE INDEX "users_unactivated_created_at_idx" ON "users"("created_at") WHERE ("activated_at" IS NULL);
