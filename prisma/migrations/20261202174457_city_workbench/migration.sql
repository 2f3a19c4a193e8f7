-- CreateTable
CREATE TABLE "ListedSupervision" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "items" TEXT[],
    "deadlineDate" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedById" TEXT NOT NULL,
    "liftedAt" TIMESTAMP(3),
    "liftedById" TEXT,
    "liftReason" TEXT,

    CONSTRAINT "ListedSupervision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationAction" (
    "id" TEXT NOT NULL,
    "hazardId" TEXT NOT NULL,
    "instruction" TEXT NOT NULL,
    "note" TEXT,
    "followUpDate" TEXT,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorRole" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EscalationAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ListedSupervision_unitId_openedAt_idx" ON "ListedSupervision"("unitId", "openedAt");

-- CreateIndex
CREATE INDEX "EscalationAction_hazardId_createdAt_idx" ON "EscalationAction"("hazardId", "createdAt");

-- AddForeignKey
ALTER TABLE "ListedSupervision" ADD CONSTRAINT "ListedSupervision_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationAction" ADD CONSTRAINT "EscalationAction_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Units listed before listings had their own records keep an open listing.
INSERT INTO "ListedSupervision" ("id", "unitId", "reason", "items", "openedAt", "openedById")
SELECT 'legacy-' || "id", "id", '（本功能上线前已挂牌督办）', ARRAY[]::TEXT[], CURRENT_TIMESTAMP, 'system'
FROM "Unit" WHERE "listedSupervision";
