-- CreateTable
CREATE TABLE "outbox" (
    "id" UUID NOT NULL,
    "request" JSONB NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_pending_due_at_idx" ON "outbox"("due_at") WHERE ("status" = 'pending');

-- CreateIndex
CREATE INDEX "outbox_status_finished_at_idx" ON "outbox"("status", "finished_at");
