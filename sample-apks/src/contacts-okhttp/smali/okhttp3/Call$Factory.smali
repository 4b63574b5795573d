.class public interface abstract Lokhttp3/Call$Factory;
.super Ljava/lang/Object;
.source "Call.java"

.annotation system Ldalvik/annotation/EnclosingClass;
    value = Lokhttp3/Call;
.end annotation

.annotation system Ldalvik/annotation/InnerClass;
    accessFlags = 0x609
    name = "Factory"
.end annotation

.method public abstract newCall(Lokhttp3/Request;)Lokhttp3/Call;
.end method
