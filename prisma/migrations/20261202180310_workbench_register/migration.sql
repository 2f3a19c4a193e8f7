-- AlterTable
ALTER TABLE "FollowUpTask" ADD COLUMN     "inspectionId" TEXT,
ADD COLUMN     "interviewId" TEXT;

-- CreateTable
CREATE TABLE "PendingEnterpriseImport" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingEnterpriseImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingEnterpriseImport_userId_idx" ON "PendingEnterpriseImport"("userId");

