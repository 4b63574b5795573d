.class public interface abstract Lorg/dexflow/sample/calllog/Api;
.super Ljava/lang/Object;
.source "Api.java"

.method public abstract upload(Lorg/dexflow/sample/calllog/CallRecord;)Lretrofit2/Call;
    .annotation system Ldalvik/annotation/Signature;
        value = {
            "(",
            "Lorg/dexflow/sample/calllog/CallRecord;",
            ")",
            "Lretrofit2/Call<",
            "Ljava/lang/Void;",
            ">;"
        }
    .end annotation
    .annotation runtime Lretrofit2/http/POST;
        value = "calls"
    .end annotation
    .param p1
        .annotation runtime Lretrofit2/http/Body;
        .end annotation
    .end param
.end method
