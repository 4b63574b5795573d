.class public final Lorg/dexflow/sample/calllog/CallRecord;
.super Ljava/lang/Object;
.source "CallRecord.java"

.field public final duration:Ljava/lang/String;
.field public final number:Ljava/lang/String;

.method public constructor <init>(Ljava/lang/String;Ljava/lang/String;)V
    .registers 3
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lorg/dexflow/sample/calllog/CallRecord;->number:Ljava/lang/String;
    iput-object p2, p0, Lorg/dexflow/sample/calllog/CallRecord;->duration:Ljava/lang/String;
    return-void
.end method
